import type { IndexPayload, InlineData, RunView } from '../payload.ts';

/** Where the page gets its data: the index at once, each run's cells when it is shown. */
export interface Source {
  index: IndexPayload;
  /** Runs by id; fetched once each. */
  runs(ids: string[]): Promise<Map<string, RunView>>;
}

/** The data an exported page carries inline, else the server's `/api/index` and `/api/results/:id`. */
export async function openSource(): Promise<Source> {
  const inline = document.getElementById('tvp-data');
  if (inline?.textContent) {
    const data = JSON.parse(inline.textContent) as InlineData;
    return {
      index: data.index,
      runs: async (ids) => new Map(ids.flatMap((id) => (data.runs[id] ? [[id, data.runs[id]] as const] : []))),
    };
  }
  const get = async <T>(url: string): Promise<T> => {
    const res = await fetch(url, { cache: 'no-store' });
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  const index = await get<IndexPayload>('/api/index');
  const cache = new Map<string, Promise<RunView>>();
  return {
    index,
    runs: async (ids) => {
      const views = await Promise.all(
        ids.map((id) => {
          let view = cache.get(id);
          if (!view) {
            view = get<RunView>(`/api/results/${encodeURIComponent(id)}`);
            cache.set(id, view);
          }
          return view;
        }),
      );
      return new Map(views.map((v) => [v.result.id, v]));
    },
  };
}
