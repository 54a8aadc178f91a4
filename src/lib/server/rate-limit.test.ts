import { describe, expect, it } from 'vitest';
import { isExport, keyHash } from './rate-limit';

describe('isExport', () => {
	it('counts the CSV, JSON and PDF downloads under /mine', () => {
		for (const id of [
			'/(app)/mine/persondata/eksport.json',
			'/(app)/mine/[assemblyId=uuid]/admin/rekruttering/respondents.csv',
			'/(app)/mine/[assemblyId=uuid]/admin/rekruttering/invitationer/[batchId=uuid]/breve.pdf',
			'/(app)/mine/[assemblyId=uuid]/oevelser/[exerciseId=uuid]/[roundId=uuid].json',
			'/(app)/mine/[assemblyId=uuid]/anbefalinger/rapport.pdf'
		])
			expect(isExport(id), id).toBe(true);
	});

	it('does not count pages, live polling, public files or unknown routes', () => {
		for (const id of [
			'/(app)/mine/[assemblyId=uuid]/anbefalinger/rapport',
			'/(app)/mine/[assemblyId=uuid]/facilitator/moeder/[sessionId=uuid]/live.json',
			'/(public)/borgersamling/[assemblyId=uuid]/lodtraekning/[drawId=uuid].json',
			'/print/rapport.css',
			null
		])
			expect(isExport(id), String(id)).toBe(false);
	});
});

describe('keyHash', () => {
	it('stores the SHA-256 of the key, never the key', () => {
		const hash = keyHash('192.0.2.10');
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
		expect(hash).not.toContain('192.0.2.10');
		expect(keyHash('192.0.2.10')).toBe(hash);
		expect(keyHash('192.0.2.11')).not.toBe(hash);
	});
});
