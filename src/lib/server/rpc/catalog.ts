import type { Queryable } from '../db/types';

/** What the endpoint needs to know of one function in the exposed schema. */
export interface RpcFunction {
	schema: string;
	name: string;
	/** Input arguments in declaration order, with their SQL types. */
	args: { name: string; type: string }[];
	/** How many of the trailing input arguments have defaults. */
	defaults: number;
	volatility: 'i' | 's' | 'v';
	returns: 'void' | 'scalar' | 'object' | 'setof-scalar' | 'setof-object';
}

const catalogSql = `
select p.proname as name,
       p.provolatile as volatility,
       p.proretset as retset,
       p.pronargdefaults as defaults,
       coalesce(p.proargnames, '{}'::text[]) as argnames,
       coalesce(p.proargmodes::text[], '{}'::text[]) as argmodes,
       array(select format_type(t, null) from unnest(p.proargtypes) with ordinality as u(t, i) order by i) as in_types,
       p.prorettype = 'void'::regtype as returns_void,
       (t.typtype = 'c' or p.prorettype = 'record'::regtype
        or coalesce(p.proargmodes && array['o', 'b', 't']::"char"[], false)) as returns_composite
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
join pg_catalog.pg_type t on t.oid = p.prorettype
where n.nspname = $1 and p.prokind = 'f'`;

interface CatalogRow {
	name: string;
	volatility: 'i' | 's' | 'v';
	retset: boolean;
	defaults: number;
	argnames: string[];
	argmodes: string[];
	in_types: string[];
	returns_void: boolean;
	returns_composite: boolean;
}

/** Reads every function of a schema from pg_catalog (PostgREST's "schema cache"). */
export async function loadCatalog(
	db: Queryable,
	schema: string
): Promise<Map<string, RpcFunction[]>> {
	const { rows } = await db.query<CatalogRow>(catalogSql, [schema]);
	const catalog = new Map<string, RpcFunction[]>();
	for (const row of rows) {
		const inputNames =
			row.argmodes.length === 0
				? row.argnames.slice(0, row.in_types.length)
				: row.argnames.filter((_, i) => ['i', 'b', 'v'].includes(row.argmodes[i]!));
		const fn: RpcFunction = {
			schema,
			name: row.name,
			args: row.in_types.map((type, i) => ({ name: inputNames[i] ?? '', type })),
			defaults: row.defaults,
			volatility: row.volatility,
			returns: row.returns_void
				? 'void'
				: row.retset
					? row.returns_composite
						? 'setof-object'
						: 'setof-scalar'
					: row.returns_composite
						? 'object'
						: 'scalar'
		};
		catalog.set(row.name, [...(catalog.get(row.name) ?? []), fn]);
	}
	return catalog;
}

/**
 * Chooses the overload whose named arguments match the keys given, as PostgREST does: every key
 * must be an argument, and every argument without a default must be given.
 */
export function resolve(candidates: RpcFunction[], keys: string[]): RpcFunction | undefined {
	return candidates.find((fn) => {
		if (fn.args.some((arg) => arg.name === '')) return false;
		const names = new Set(fn.args.map((arg) => arg.name));
		const required = fn.args.slice(0, fn.args.length - fn.defaults).map((arg) => arg.name);
		return keys.every((key) => names.has(key)) && required.every((name) => keys.includes(name));
	});
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Builds the one statement that calls fn with the JSON object in $1 and returns a JSON text. */
export function callSql(fn: RpcFunction, keys: string[], argsSql = '$1'): string {
	const given = fn.args.filter((arg) => keys.includes(arg.name));
	const record = given.length
		? `json_to_record(${argsSql}::json) as _b(${given.map((a) => `${ident(a.name)} ${a.type}`).join(', ')}), lateral `
		: '';
	const call = `${ident(fn.schema)}.${ident(fn.name)}(${given
		.map((a) => `${ident(a.name)} := _b.${ident(a.name)}`)
		.join(', ')})`;
	// Rows are expanded (`_r.*`) so a function with one OUT or TABLE column still gives objects.
	switch (fn.returns) {
		case 'void':
			return `select null::text as body from ${record}${call} as _r`;
		case 'scalar':
			return `select to_json(_r.v)::text as body from ${record}${call} as _r(v)`;
		case 'object':
			return `select to_json(_s)::text as body from (select _r.* from ${record}${call} as _r) as _s`;
		case 'setof-scalar':
			return `select coalesce(json_agg(_r.v), '[]')::text as body from ${record}${call} as _r(v)`;
		case 'setof-object':
			return `select coalesce(json_agg(_s), '[]')::text as body from (select _r.* from ${record}${call} as _r) as _s`;
	}
}
