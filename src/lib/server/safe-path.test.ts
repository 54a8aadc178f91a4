import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-path';

describe('safeNext', () => {
	it('keeps a path on this site', () => {
		expect(safeNext('/mine/a55e0b1e-0000-4000-8000-000000000001/admin')).toBe(
			'/mine/a55e0b1e-0000-4000-8000-000000000001/admin'
		);
	});
	it('refuses other origins, protocol-relative URLs and junk', () => {
		expect(safeNext('https://evil.example/')).toBe('/mine');
		expect(safeNext('//evil.example/')).toBe('/mine');
		expect(safeNext('/\\evil.example')).toBe('/mine');
		expect(safeNext('/a/../../etc')).toBe('/mine');
		expect(safeNext(undefined)).toBe('/mine');
	});
});
