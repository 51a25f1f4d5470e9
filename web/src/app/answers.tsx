import { createContext, useContext, useState, type ReactNode } from 'react';

/**
 * API answers already in hand when the screen is first drawn (from the server's first screen), by
 * path. A reader takes its answer once, at its first render; every later read asks the server.
 */
const AnswersContext = createContext<Map<string, unknown>>(new Map());

export function AnswersProvider({ answers, children }: { answers: Record<string, unknown>; children: ReactNode }) {
  const [taken] = useState(() => new Map(Object.entries(answers)));
  return <AnswersContext.Provider value={taken}>{children}</AnswersContext.Provider>;
}

export function useAnswers(): Map<string, unknown> {
  return useContext(AnswersContext);
}
