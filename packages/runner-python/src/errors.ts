/**
 * The Python side could not run the sweep: no interpreter, a Python error, or output that breaks
 * the line protocol. The CLI prints its message and exits 1, writing nothing.
 */
export class PythonError extends Error {
  override name = 'PythonError';
}
