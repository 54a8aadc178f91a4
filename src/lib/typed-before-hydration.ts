/**
 * What a person typed, ticked or chose before the page's JavaScript arrived. Hydration sets each
 * form control to the value the server rendered, which on a slow phone wipes what was typed in the
 * meantime. `capture` runs when the app starts (src/hooks.client.ts), before hydration; `restore`
 * runs once the root layout has mounted, after it, and gives every changed control its typed value
 * back (with an input event, so bound state follows).
 */
type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const typed = new Map<Control, string | boolean>();

const NOT_TYPED = new Set(['hidden', 'file', 'submit', 'button', 'reset', 'image']);

export function capture(root: ParentNode = document): void {
	for (const control of root.querySelectorAll<Control>('input, textarea, select')) {
		if (control instanceof HTMLInputElement && NOT_TYPED.has(control.type)) continue;
		if (control instanceof HTMLInputElement && ['checkbox', 'radio'].includes(control.type)) {
			if (control.checked !== control.defaultChecked) typed.set(control, control.checked);
		} else if (control instanceof HTMLSelectElement) {
			if ([...control.options].some((option) => option.selected !== option.defaultSelected))
				typed.set(control, control.value);
		} else if (control.value !== control.defaultValue) {
			typed.set(control, control.value);
		}
	}
}

export function restore(): void {
	for (const [control, value] of typed) {
		if (!control.isConnected) continue;
		if (typeof value === 'boolean') {
			if ((control as HTMLInputElement).checked === value) continue;
			(control as HTMLInputElement).checked = value;
			control.dispatchEvent(new Event('change', { bubbles: true }));
		} else {
			if (control.value === value) continue;
			control.value = value;
			control.dispatchEvent(new Event('input', { bubbles: true }));
		}
	}
	typed.clear();
}
