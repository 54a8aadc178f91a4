import type { SupabaseClient } from '@supabase/supabase-js';
import { m } from '$lib/paraglide/messages.js';
import type { DeliberationStance } from '$lib/schemas/deliberation';
import { api, ApiError, unwrap } from './api';
import { renderMarkdown } from './markdown';
import { runtime, supabaseFor } from './runtime';

export interface DeliberationThread {
	id: string;
	title: string;
	question: string;
	welfare_area_id: string | null;
	welfare_area_name: string | null;
	closed_at: string | null;
	is_published: boolean;
	created_at: string;
	post_count: number;
	last_post_at: string | null;
}

interface PostRow {
	id: string;
	parent_id: string | null;
	stance: DeliberationStance;
	body: string | null;
	author_name: string | null;
	by_me: boolean;
	created_at: string;
	pinned_at: string | null;
	hidden_at: string | null;
	hidden_reason: string | null;
	mind_changes: number;
	changed_my_mind: boolean;
}

/** A post as the page shows it: its text rendered safely, its replies beneath it. */
export interface DeliberationPost extends Omit<PostRow, 'body'> {
	/** Sanitised HTML; null when hidden and the reader is no organiser. */
	html: string | null;
	replies: DeliberationPost[];
}

/** The threads of an assembly the caller may read (members and organisers; the public after handover). */
export async function deliberationThreads(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<DeliberationThread[]> {
	return unwrap(
		await api(supabase).rpc('deliberation_threads', { assembly_id: assemblyId }, { get: true })
	);
}

/** One thread's posts: top-level posts (pinned first) with their replies, texts rendered on the server. */
export async function deliberationPosts(
	supabase: SupabaseClient,
	threadId: string
): Promise<DeliberationPost[]> {
	const rows: PostRow[] = unwrap(
		await api(supabase).rpc('deliberation_thread', { thread_id: threadId }, { get: true })
	);
	const posts = new Map<string, DeliberationPost>();
	const top: DeliberationPost[] = [];
	for (const { body, ...row } of rows) {
		const post = { ...row, html: body === null ? null : renderMarkdown(body), replies: [] };
		posts.set(row.id, post);
		if (!row.parent_id) top.push(post);
	}
	for (const post of posts.values()) {
		if (post.parent_id) posts.get(post.parent_id)?.replies.push(post);
	}
	return top;
}

export async function openDeliberationThread(
	supabase: SupabaseClient,
	assemblyId: string,
	input: { title: string; question: string; welfare_area_id: string | null }
): Promise<string> {
	return unwrap(
		await api(supabase).rpc('open_deliberation_thread', { assembly_id: assemblyId, ...input })
	);
}

export async function writeDeliberationPost(
	supabase: SupabaseClient,
	threadId: string,
	input: { parent_id: string | null; stance: DeliberationStance; body: string }
): Promise<string> {
	return unwrap(
		await api(supabase).rpc('write_deliberation_post', { thread_id: threadId, ...input })
	);
}

export async function setMindChanged(supabase: SupabaseClient, postId: string, changed: boolean) {
	return unwrap<number>(await api(supabase).rpc('set_mind_changed', { post_id: postId, changed }));
}

export async function moderateDeliberationPost(
	supabase: SupabaseClient,
	postId: string,
	/** null leaves that side as it is. */
	input: { hide: boolean | null; reason: string | null; pin: boolean | null }
) {
	unwrap(await api(supabase).rpc('moderate_deliberation_post', { post_id: postId, ...input }));
}

export async function setDeliberationThreadState(
	supabase: SupabaseClient,
	threadId: string,
	input: { closed: boolean; published: boolean }
) {
	unwrap(
		await api(supabase).rpc('set_deliberation_thread_state', { thread_id: threadId, ...input })
	);
}

export async function deliberationDigestEnabled(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<boolean> {
	return unwrap(
		await api(supabase).rpc(
			'deliberation_digest_enabled',
			{ assembly_id: assemblyId },
			{ get: true }
		)
	);
}

export async function setDeliberationDigest(
	supabase: SupabaseClient,
	assemblyId: string,
	enabled: boolean
) {
	unwrap(await api(supabase).rpc('set_deliberation_digest', { assembly_id: assemblyId, enabled }));
}

/**
 * Queues today's deliberation digests (at most one per member and day: the database's key makes a
 * second run, here or on another server, queue nothing). Returns how many were queued.
 */
export async function queueDeliberationDigests(origin: string): Promise<number> {
	const service = supabaseFor(runtime().serviceKey, origin);
	return unwrap(await api(service).rpc('queue_deliberation_digests', {}));
}

/** The field a database refusal belongs to, with its message, for the form to show. */
export function deliberationFieldError(error: unknown): { field: string; message: string } | null {
	if (!(error instanceof ApiError)) return null;
	switch (error.details) {
		case 'thread_closed':
			return { field: 'body', message: m.delib_error_closed() };
		case 'reply_too_deep':
			return { field: 'body', message: m.delib_error_reply_depth() };
		case 'reason_required':
			return { field: 'reason', message: m.field_required() };
		case 'welfare_area_unknown':
			return { field: 'welfare_area_id', message: m.field_choice() };
		default:
			return null;
	}
}
