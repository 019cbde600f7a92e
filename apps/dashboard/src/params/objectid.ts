// A stored record's id in a URL (24 hex digits); anything else is simply not a page.
import type { ParamMatcher } from '@sveltejs/kit';

export const match: ParamMatcher = (param) => /^[a-f0-9]{24}$/.test(param);
