/**
 * The verifiable draw from the command line (docs/sortition.md describes the procedure).
 *
 *   npm run sortition -- verify bundle.json [--commitment <sha256>] [--random <value>]…
 *       Recomputes every hash, the seed, the panel and the reserves: prints "verified" and exits 0,
 *       or lists the discrepancies and exits 1. --commitment: the hash published before the draw;
 *       --random: the public randomness as you know it, one per source.
 *
 *   npm run sortition -- commit --categories c.csv --respondents r.csv --k 20
 *           [--source <name>]… [--title <text>] [--tickets 1000] [--id-column id] [--out c.json]
 *       Runs LEXIMIN, rounds it to a lottery and writes the commitment, to publish (with its hash)
 *       before the randomness exists. --source names each source of public randomness.
 *
 *   npm run sortition -- draw (--commitment-file c.json | --categories … --respondents … --k …)
 *           --random <first entry> --random <second entry> [--out bundle.json]
 *       Draws the panel and the reserves. Every source is entered twice, by two people: give two
 *       --random per source, in the order of the sources.
 *
 * Exit codes: 0 success, 1 failure or discrepancies, 2 wrong usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCommitment, type Commitment } from '../src/lib/sortition/bundle';
import { formatProblem, parseCategories, parseRespondents } from '../src/lib/sortition/csv';
import { runDraw, verifyBundle } from '../src/lib/sortition/draw';
import type { Distribution, Instance, RunOptions } from '../src/lib/sortition/types';

const packageVersion = (
	JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
		version: string;
	}
).version;

class UsageError extends Error {}
class Failure extends Error {}

const [command, ...rest] = process.argv.slice(2);

const { values, positionals } = parseArgs({
	args: rest,
	allowPositionals: true,
	options: {
		commitment: { type: 'string' },
		'commitment-file': { type: 'string' },
		random: { type: 'string', multiple: true },
		source: { type: 'string', multiple: true },
		categories: { type: 'string' },
		respondents: { type: 'string' },
		k: { type: 'string' },
		title: { type: 'string' },
		tickets: { type: 'string' },
		'id-column': { type: 'string' },
		out: { type: 'string' }
	}
});

function readJson(path: string): unknown {
	try {
		return JSON.parse(readFileSync(path, 'utf8')) as unknown;
	} catch (error) {
		throw new Failure(`Cannot read ${path}: ${(error as Error).message}`);
	}
}

function write(json: unknown): void {
	const text = `${JSON.stringify(json, null, '\t')}\n`;
	if (values.out) writeFileSync(values.out, text);
	else process.stdout.write(text);
}

/** Progress and summaries go to stderr when the JSON goes to stdout. */
function say(line: string): void {
	(values.out ? process.stdout : process.stderr).write(`${line}\n`);
}

type Leximin = (instance: Instance, options?: RunOptions) => Promise<Distribution>;

async function loadLeximin(): Promise<Leximin> {
	try {
		const module = await import('../src/lib/sortition/leximin');
		return module.leximin;
	} catch (error) {
		const code = (error as { code?: string }).code;
		if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
			throw new Failure(
				'LEXIMIN is not available (src/lib/sortition/leximin.ts is missing), so no distribution ' +
					'can be computed. Verifying a bundle does not need it.'
			);
		}
		throw error;
	}
}

function instanceFromCsv(): Instance {
	if (!values.categories || !values.respondents || !values.k) {
		throw new UsageError('Give --categories, --respondents and --k (or --commitment-file).');
	}
	const k = Number(values.k);
	if (!Number.isInteger(k) || k < 1)
		throw new UsageError(`--k must be a whole number: ${values.k}`);
	const categories = parseCategories(readFileSync(values.categories));
	if (!categories.ok) {
		throw new Failure(
			[
				`${values.categories} (${categories.encoding}):`,
				...categories.problems.map(formatProblem)
			].join('\n  ')
		);
	}
	const respondents = parseRespondents(readFileSync(values.respondents), categories.data.quotas, {
		...(values['id-column'] ? { idColumn: values['id-column'] } : {})
	});
	if (!respondents.ok) {
		throw new Failure(
			[
				`${values.respondents} (${respondents.encoding}):`,
				...respondents.problems.map(formatProblem)
			].join('\n  ')
		);
	}
	say(
		`Read ${respondents.data.pool.length} respondents (${respondents.encoding}) and ` +
			`${categories.data.quotas.length} quotas (${categories.encoding}).`
	);
	return { pool: respondents.data.pool, quotas: categories.data.quotas, k };
}

async function commitFromCsv(): Promise<Commitment> {
	const instance = instanceFromCsv();
	const leximin = await loadLeximin();
	let shown = -1;
	const distribution = await leximin(instance, {
		onProgress: ({ fraction, phase }) => {
			const percent = Math.floor(fraction * 100);
			if (percent >= shown + 10) {
				shown = percent;
				say(`LEXIMIN ${percent}% (${phase})`);
			}
		}
	});
	const tickets = values.tickets === undefined ? undefined : Number(values.tickets);
	const sources = values.source ?? ['Public randomness'];
	const commitment = await createCommitment({
		title: values.title ?? 'Sortition',
		instance,
		distribution,
		algorithm: { name: 'leximin', version: `samraad ${packageVersion}` },
		randomSources: sources.map((name) => ({ name, description: '' })),
		...(tickets === undefined ? {} : { tickets })
	});
	say(`Commitment SHA-256 (publish before the randomness): ${commitment.hashes.commitment}`);
	return commitment;
}

async function verify(): Promise<number> {
	const [path] = positionals;
	if (!path) throw new UsageError('Usage: npm run sortition -- verify <bundle.json>');
	const discrepancies = await verifyBundle(readJson(path), {
		...(values.commitment ? { commitment: values.commitment } : {}),
		...(values.random ? { random: values.random } : {})
	});
	if (discrepancies.length === 0) {
		console.log('verified');
		return 0;
	}
	console.log(`NOT verified: ${discrepancies.length} discrepancies`);
	for (const d of discrepancies) console.log(`  ${d.path}: ${d.message}`);
	return 1;
}

async function draw(): Promise<number> {
	const commitment = values['commitment-file']
		? (readJson(values['commitment-file']) as Commitment)
		: await commitFromCsv();
	const entries = values.random ?? [];
	const sources = commitment.randomSources.length;
	if (entries.length !== 2 * sources) {
		throw new UsageError(
			`Give two --random entries for each of the ${sources} source(s) of randomness, ` +
				`in order: got ${entries.length}.`
		);
	}
	const pairs = commitment.randomSources.map(
		(_, i) => [entries[2 * i] ?? '', entries[2 * i + 1] ?? ''] as const
	);
	const result = await runDraw(commitment, pairs);
	if (!result.ok) {
		throw new Failure(result.problems.map((p) => `${p.source}: ${p.message}`).join('\n'));
	}
	const { draw } = result.bundle;
	write(result.bundle);
	say(`Seed ${draw.seed}, ticket ${draw.ticket} of ${commitment.lottery.m}.`);
	say(`Panel: ${draw.panel.join(', ')}`);
	say(
		`Reserves: ${draw.reserves.slice(0, 10).join(', ')}${draw.reserves.length > 10 ? ', …' : ''}`
	);
	return 0;
}

async function main(): Promise<number> {
	switch (command) {
		case 'verify':
			return verify();
		case 'commit':
			write(await commitFromCsv());
			return 0;
		case 'draw':
			return draw();
		default:
			throw new UsageError(
				'Usage: npm run sortition -- verify|commit|draw … (see scripts/sortition.mts)'
			);
	}
}

try {
	process.exitCode = await main();
} catch (error) {
	if (error instanceof UsageError) {
		console.error(error.message);
		process.exitCode = 2;
	} else if (error instanceof Failure) {
		console.error(error.message);
		process.exitCode = 1;
	} else {
		console.error(error);
		process.exitCode = 1;
	}
}
