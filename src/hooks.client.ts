import type { ClientInit } from '@sveltejs/kit';
import { capture } from '$lib/typed-before-hydration';

// Before hydration: remember what the person has typed already (restored by the root layout).
export const init: ClientInit = () => capture();
