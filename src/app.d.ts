import type { SupabaseClient } from '@supabase/supabase-js';
import type { AuthPort, Session } from '$lib/server/auth/port';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			/** supabase-js for this caller: their JWT, or the anon key. */
			supabase: SupabaseClient;
			/** The signed-in person's session, or null. */
			session: Session | null;
			auth: AuthPort;
		}
	}
}

export {};
