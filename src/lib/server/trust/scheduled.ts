import { createClient } from '@supabase/supabase-js';
import { runtime } from '../runtime';
import { runRetention, type RetentionCounts } from './retention';

/**
 * The server's daily retention run: on its own database connection (embedded or PostgreSQL, as the
 * owner), or on hosted Supabase through `api.run_retention` with the service role.
 */
export async function runRetentionNow(): Promise<RetentionCounts> {
	const rt = runtime();
	if (rt.db) return runRetention(rt.db);
	if (!rt.supabaseUrl || !rt.serviceKey) return {};
	const service = createClient(rt.supabaseUrl, rt.serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const { data, error } = await service.schema('api').rpc('run_retention');
	if (error) throw new Error(error.message);
	return data as RetentionCounts;
}
