import type { SupabaseClient } from '@supabase/supabase-js';

/** An error from an `api` function: its SQLSTATE, message, machine-readable detail and HTTP status. */
export class ApiError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly status: number,
		readonly details: string | null = null
	) {
		super(message);
	}
}

/** The data of a supabase-js result, or its error thrown as an ApiError. */
export function unwrap<T>(result: {
	data: T | null;
	error: { code: string; message: string; details?: string | null } | null;
	status: number;
}): T {
	if (result.error) {
		throw new ApiError(
			result.error.code,
			result.error.message,
			result.status,
			result.error.details ?? null
		);
	}
	return result.data as T;
}

/** The exposed schema, through which the app calls every function. */
export const api = (supabase: SupabaseClient) => supabase.schema('api');
