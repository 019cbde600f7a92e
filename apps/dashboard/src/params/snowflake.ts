// A Discord id in a URL; anything else is simply not a page.
import type { ParamMatcher } from '@sveltejs/kit';

export const match: ParamMatcher = (param) => /^\d{15,22}$/.test(param);
