/** A PostgREST-shaped error body. */
export interface RpcErrorBody {
	code: string;
	message: string;
	details: string | null;
	hint: string | null;
}

/**
 * The HTTP status PostgREST gives a SQLSTATE (its documented table), with 42501 depending on
 * whether the caller is anonymous.
 */
export function statusForSqlState(code: string, anonymous: boolean): number {
	if (code === '42501') return anonymous ? 401 : 403;
	if (/^PT\d{3}$/.test(code)) {
		const status = Number(code.slice(2));
		return status >= 200 && status <= 599 ? status : 500;
	}
	const exact: Record<string, number> = {
		'23503': 409,
		'23505': 409,
		'25006': 405,
		P0001: 400,
		'42883': 404,
		'42P01': 404,
		'42P17': 500
	};
	if (code in exact) return exact[code]!;
	const byClass: Record<string, number> = {
		'08': 503,
		'09': 500,
		'0L': 403,
		'0P': 403,
		'25': 500,
		'28': 403,
		'2D': 500,
		'38': 500,
		'39': 500,
		'3B': 500,
		'40': 500,
		'53': 503,
		'54': 500,
		'55': 500,
		'57': 500,
		'58': 500,
		F0: 500,
		HV: 500,
		P0: 500,
		XX: 500
	};
	return byClass[code.slice(0, 2)] ?? 400;
}

export function errorResponse(
	status: number,
	body: RpcErrorBody,
	headers: HeadersInit = {}
): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers }
	});
}
