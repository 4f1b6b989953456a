import { useEffect, useState } from 'react';
import type { Api, IndexProgress } from '../../main/contract';

/** The latest progress of indexing, pushed by the core. */
export function useIndexProgress(api: Api): IndexProgress | null {
  const [progress, setProgress] = useState<IndexProgress | null>(null);
  useEffect(() => api.on('indexProgress', setProgress), [api]);
  return progress;
}
