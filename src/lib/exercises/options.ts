import type { ConfigIssue, OptionId } from './types';

/** Every exercise needs at least two distinct options. */
export function validateOptionList(options: readonly OptionId[]): ConfigIssue[] {
	const issues: ConfigIssue[] = [];
	if (options.length < 2) issues.push({ key: 'config_too_few_options', params: { min: 2 } });
	const seen = new Set<OptionId>();
	for (const optionId of options) {
		if (seen.has(optionId)) issues.push({ key: 'config_duplicate_option', optionId });
		seen.add(optionId);
	}
	return issues;
}
