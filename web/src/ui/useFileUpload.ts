// One file sent with a progress bar: the chosen file, the progress while it goes, and what the
// server answered (a report) or the error. Shared by the bank statement and badge list uploads.
import { useState, type FormEvent } from 'react';

export type Sender<T> = (file: File, onProgress: (percent: number) => void) => Promise<T>;

export function useFileUpload<T>(send: Sender<T>, onDone: (result: T) => void) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);

  const upload = async (event: FormEvent | { preventDefault(): void }) => {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setResult(null);
    setProgress(0);
    try {
      const answer = await send(file, setProgress);
      setResult(answer);
      setFile(null);
      onDone(answer);
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };

  return { file, setFile, progress, result, error, upload };
}
