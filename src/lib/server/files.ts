import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The largest file a facilitator can upload as material (25 MiB). */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/**
 * The kinds of file accepted as material, by content type, with the extensions that go with them.
 * Anything else is refused: a municipality's material is documents, slides, sheets and pictures.
 */
export const ACCEPTED_FILES: Record<string, string[]> = {
	'application/pdf': ['pdf'],
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
	'application/vnd.oasis.opendocument.text': ['odt'],
	'text/plain': ['txt'],
	'text/csv': ['csv'],
	'image/png': ['png'],
	'image/jpeg': ['jpg', 'jpeg']
};

/** The content type a file's name says, when it is one of the accepted kinds. */
export function acceptedType(fileName: string): string | null {
	const extension = fileName.toLowerCase().split('.').pop() ?? '';
	for (const [type, extensions] of Object.entries(ACCEPTED_FILES)) {
		if (extensions.includes(extension)) return type;
	}
	return null;
}

const pathOf = (dir: string, sha256: string) => join(dir, sha256.slice(0, 2), sha256);

/**
 * Keeps a file under its SHA-256 (content-addressed: the same file is stored once, and a stored
 * file is never overwritten with other content). Written to a temporary name first, then renamed,
 * so a crash never leaves half a file under a real name.
 */
export async function storeFile(dir: string, bytes: Uint8Array): Promise<string> {
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const target = pathOf(dir, sha256);
	if (existsSync(target)) return sha256;
	await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
	const temporary = `${target}.${crypto.randomUUID()}.part`;
	await writeFile(temporary, bytes, { mode: 0o600 });
	await rename(temporary, target);
	return sha256;
}

/** A stored file's bytes, checked against its name (its hash), or null when missing or damaged. */
export async function readStoredFile(dir: string, sha256: string): Promise<Uint8Array | null> {
	if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
	const path = pathOf(dir, sha256);
	if (!existsSync(path)) return null;
	const bytes = await readFile(path);
	return createHash('sha256').update(bytes).digest('hex') === sha256 ? bytes : null;
}
