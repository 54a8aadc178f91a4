import { describe, expect, it } from 'vitest';
import { copenhagenInstant } from './copenhagen-time';

describe('copenhagenInstant', () => {
	it('is one hour behind in winter', () => {
		expect(copenhagenInstant('2026-12-17', '12:00')).toBe('2026-12-17T11:00:00.000Z');
	});

	it('is two hours behind in summer', () => {
		expect(copenhagenInstant('2026-08-20', '10:00')).toBe('2026-08-20T08:00:00.000Z');
	});
});
