/**
 * A thin, typed wrapper around HiGHS (the `highs` package, WebAssembly). The runtime is loaded once
 * per thread and reused. Every solve goes through {@link runToOptimality}, which refuses any status
 * but "optimal": a number from a half-finished solve must never reach a lottery.
 */
import loadHighs from 'highs';
import type { Highs, InitOptions, Model, ModelData, ModelStatusCode, VariableType } from 'highs';

export type { Highs, Model };

let runtime: Promise<Highs> | undefined;

/** The loader's options, plus Emscripten's hook for instantiating an already compiled module. */
export type HighsLoaderOptions = InitOptions & {
	instantiateWasm?: (
		imports: WebAssembly.Imports,
		done: (instance: WebAssembly.Instance) => void
	) => object;
};

/**
 * Loader options that instantiate HiGHS from a compiled `WebAssembly.Module` (one compiled by the
 * main thread and handed to a worker, say) instead of fetching and compiling `highs.wasm` again.
 */
export function fromCompiledModule(module: WebAssembly.Module): HighsLoaderOptions {
	return {
		instantiateWasm(imports, done) {
			void WebAssembly.instantiate(module, imports).then(done);
			return {};
		}
	};
}

/**
 * The shared HiGHS runtime. The first caller's options win (a browser passes `locateFile` to say
 * where `highs.wasm` is served); later calls reuse the same instance.
 */
export function getHighs(options?: HighsLoaderOptions): Promise<Highs> {
	runtime ??= loadHighs(options).catch((error: unknown) => {
		runtime = undefined;
		throw error;
	});
	return runtime;
}

const statusNames: Record<number, string> = {
	0: 'not set',
	1: 'load error',
	2: 'model error',
	3: 'presolve error',
	4: 'solve error',
	5: 'postsolve error',
	6: 'empty',
	7: 'optimal',
	8: 'infeasible',
	9: 'infeasible or unbounded',
	10: 'unbounded',
	11: 'objective bound reached',
	12: 'objective target reached',
	13: 'time limit reached',
	14: 'iteration limit reached',
	15: 'unknown',
	16: 'solution limit reached',
	17: 'interrupted'
};

export function statusName(code: ModelStatusCode | number): string {
	return statusNames[code] ?? `status ${code}`;
}

/** A solve that ended without a proved optimum. `status` is HiGHS's model status in words. */
export class SolverError extends Error {
	readonly status: string;
	constructor(status: string, what: string) {
		super(`The solver could not finish ${what}: ${status}`);
		this.name = 'SolverError';
		this.status = status;
	}
}

/** Raised when quotas or the pool admit no panel at all. */
export class InfeasibleError extends Error {
	constructor(message = 'No panel of this size meets every quota') {
		super(message);
		this.name = 'InfeasibleError';
	}
}

const OPTIMAL = 7;
const INFEASIBLE = 8;
const INFEASIBLE_OR_UNBOUNDED = 9;

/** What a caller may do besides succeed: only infeasibility is an answer, everything else throws. */
export type RunOutcome = 'optimal' | 'infeasible';

/**
 * Runs `model` and insists on a proved optimum. A run that stops short (HiGHS's interior point
 * without crossover sometimes ends "unknown") or fails outright is repeated from scratch, an LP
 * with the simplex method; anything that fails twice throws a {@link SolverError}.
 * With `allowInfeasible`, a proof of infeasibility is returned as `'infeasible'` instead.
 */
export function runToOptimality(
	model: Model,
	options: { what: string; mip?: boolean; allowInfeasible?: boolean }
): RunOutcome {
	let status = attempt(model);
	if (status !== OPTIMAL && !isInfeasible(status)) {
		// Start again without the previous basis; an LP with the simplex method and crossover.
		const solver = model.options.get('solver');
		const crossover = model.options.get('run_crossover');
		try {
			model.clearSolver();
			if (!options.mip) model.options.set({ solver: 'simplex', run_crossover: 'on' });
			status = attempt(model);
		} finally {
			if (!options.mip) model.options.set({ solver, run_crossover: crossover });
		}
	}
	if (status === OPTIMAL) return 'optimal';
	if (options.allowInfeasible && isInfeasible(status)) return 'infeasible';
	throw new SolverError(status === RUN_FAILED ? 'solver error' : statusName(status), options.what);
}

/** Marks a run that HiGHS itself reported as failed (its call status −1) rather than a model status. */
const RUN_FAILED = -1;

function attempt(model: Model): number {
	try {
		return model.run().modelStatus;
	} catch (error) {
		if (error instanceof Error && error.name === 'HighsError') return RUN_FAILED;
		throw error;
	}
}

function isInfeasible(status: number): boolean {
	return status === INFEASIBLE || status === INFEASIBLE_OR_UNBOUNDED;
}

/** Options every model starts with: silent, and no time limit unless the caller sets one. */
export const quietOptions = { output_flag: false } as const;

/** One constraint `lower ≤ Σ values[j]·x[indices[j]] ≤ upper`. */
export interface SparseRow {
	indices: number[];
	values: number[];
	lower: number;
	upper: number;
}

/** A linear (or, with `integer`, mixed-integer) program in plain arrays. */
export interface LinearProgram {
	sense: 'minimize' | 'maximize';
	/** One objective coefficient per column. */
	cost: number[];
	/** Column bounds; ±Infinity for none. */
	lower: number[];
	upper: number[];
	/** Which columns must be integral; omit for an LP. */
	integer?: boolean[];
	rows: SparseRow[];
}

/** A proved optimum. */
export interface OptimalSolution {
	status: 'optimal';
	objective: number;
	/** One value per column. */
	values: number[];
	/** One activity per row. */
	rowValues: number[];
	/** One dual value per row (LPs only; empty for a MIP). HiGHS's sign convention for the sense. */
	rowDuals: number[];
}

export interface InfeasibleSolution {
	status: 'infeasible';
}

export type SolveResult = OptimalSolution | InfeasibleSolution;

/** Converts a {@link LinearProgram} to HiGHS's model data, with ±Infinity mapped to HiGHS's infinity. */
export function toModelData(highs: Highs, program: LinearProgram): ModelData {
	const numCols = program.cost.length;
	const starts = [0];
	const indices: number[] = [];
	const values: number[] = [];
	for (const row of program.rows) {
		indices.push(...row.indices);
		values.push(...row.values);
		starts.push(indices.length);
	}
	const finite = (value: number) =>
		value === Infinity ? highs.infinity : value === -Infinity ? -highs.infinity : value;
	const data: ModelData = {
		numCols,
		numRows: program.rows.length,
		sense:
			program.sense === 'maximize'
				? highs.constants.objectiveSense.maximize
				: highs.constants.objectiveSense.minimize,
		colCost: program.cost,
		colLower: program.lower.map(finite),
		colUpper: program.upper.map(finite),
		rowLower: program.rows.map((row) => finite(row.lower)),
		rowUpper: program.rows.map((row) => finite(row.upper)),
		matrix: { format: 'csr', numRows: program.rows.length, numCols, starts, indices, values }
	};
	if (program.integer?.some(Boolean)) {
		const integrality: VariableType[] = program.integer.map((isInteger) =>
			isInteger ? highs.constants.variableType.integer : highs.constants.variableType.continuous
		);
		return { ...data, integrality };
	}
	return data;
}

/**
 * Solves a program once and returns its proved optimum, or `{ status: 'infeasible' }`. Any other
 * ending throws a {@link SolverError}. `options` are HiGHS option names and values.
 */
export async function solve(
	program: LinearProgram,
	options: Record<string, string | number | boolean> = {},
	what = 'the program'
): Promise<SolveResult> {
	const highs = await getHighs();
	const mip = program.integer?.some(Boolean) ?? false;
	const model = highs.createModel(toModelData(highs, program));
	try {
		model.options.set({ ...quietOptions, ...options });
		const outcome = runToOptimality(model, { what, mip, allowInfeasible: true });
		if (outcome === 'infeasible') return { status: 'infeasible' };
		const solution = model.getSolution();
		return {
			status: 'optimal',
			objective: model.getObjectiveValue(),
			values: Array.from(solution.colValue),
			rowValues: Array.from(solution.rowValue),
			rowDuals: mip ? [] : Array.from(solution.rowDual)
		};
	} finally {
		model.dispose();
	}
}

/**
 * Solves a model written in CPLEX LP format (the `highs` one-shot API), with the same rule: an LP
 * that does not end optimal is solved again with simplex, and anything but "Optimal" or
 * "Infeasible" throws. Columns come back keyed by name.
 */
export async function solveLpText(
	text: string,
	what = 'the program'
): Promise<
	| { status: 'optimal'; objective: number; values: Record<string, number> }
	| { status: 'infeasible' }
> {
	const highs = await getHighs();
	let result = highs.solve(text, quietOptions);
	if (result.Status !== 'Optimal' && result.Status !== 'Infeasible') {
		result = highs.solve(text, { ...quietOptions, solver: 'simplex' });
	}
	if (result.Status === 'Infeasible') return { status: 'infeasible' };
	if (result.Status !== 'Optimal') throw new SolverError(result.Status.toLowerCase(), what);
	const values: Record<string, number> = {};
	for (const [name, column] of Object.entries(result.Columns)) {
		values[name] = 'Primal' in column ? column.Primal : 0;
	}
	return { status: 'optimal', objective: result.ObjectiveValue, values };
}
