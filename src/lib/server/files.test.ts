import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptedType, readStoredFile, storeFile } from './files';

describe('stored files', () => {
	it('keeps a file under its SHA-256 and gives it back', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'samraad-files-'));
		const bytes = new TextEncoder().encode('Oplæg om ældreplejen');
		const sha256 = await storeFile(dir, bytes);
		expect(sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(new TextDecoder().decode((await readStoredFile(dir, sha256))!)).toBe(
			'Oplæg om ældreplejen'
		);
		// The same content is stored once.
		expect(await storeFile(dir, bytes)).toBe(sha256);
		expect(readdirSync(join(dir, sha256.slice(0, 2)))).toEqual([sha256]);
	});

	it('refuses a damaged file and names that are not hashes', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'samraad-files-'));
		const sha256 = await storeFile(dir, new TextEncoder().encode('original'));
		writeFileSync(join(dir, sha256.slice(0, 2), sha256), 'changed behind our back');
		expect(await readStoredFile(dir, sha256)).toBeNull();
		expect(await readStoredFile(dir, '../../etc/passwd')).toBeNull();
	});

	it('accepts documents and pictures by their extension, nothing else', () => {
		expect(acceptedType('Budget 2027.PDF')).toBe('application/pdf');
		expect(acceptedType('slides.pptx')).toContain('presentationml');
		expect(acceptedType('virus.exe')).toBeNull();
		expect(acceptedType('side.html')).toBeNull();
	});
});
