/** Lets the event loop run between slices of long JS work in the writer (the API shares it). */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
