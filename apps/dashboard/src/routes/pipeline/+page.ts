// The pipeline console needs the engineer's token, which lives in this tab's sessionStorage: it
// renders in the browser only.
export const ssr = false;
