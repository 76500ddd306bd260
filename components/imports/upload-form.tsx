"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { Upload, type DetailedError } from "tus-js-client";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type Progress = { loaded: number; total: number; resuming: boolean } | null;

/** Bytes per PATCH request: a 1 GiB file is 32 requests, each well under any reverse proxy's usual body limit. */
const CHUNK_BYTES = 32 * 1024 * 1024;
/** After a dropped connection, try again after these pauses (ms), each time from the last byte the server has. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000, 60_000];
/** The answer to the request that stored the last byte names the import (server/imports/tus.ts). */
const IMPORT_ID_HEADER = "Pcp-Import-Id";
const noSubscription = () => () => undefined;

/**
 * Sends the file with tus-js-client (the tus resumable upload protocol, see docs/decisions.md): progress is shown
 * as it goes, and when the connection drops the upload resumes from the last byte the server stored rather than
 * from the start. Then opens the import's page, where validation and import continue in the background.
 * The button stays disabled until this script runs, so a click before then cannot submit the form as a plain GET.
 */
export function UploadForm({ slug, defaultMonth }: { slug: string; defaultMonth: string }) {
  const router = useRouter();
  const id = useId();
  // False in the server's HTML and during hydration, true once this script runs in the browser.
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [progress, setProgress] = useState<Progress>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<Upload | null>(null);

  useEffect(() => () => void current.current?.abort(), []);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (progress !== null) return;
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setError(
        file instanceof File && file.name
          ? "The file is empty (0 bytes). Choose the CSV export again."
          : "Choose a CSV file to import.",
      );
      return;
    }
    setError(null);
    setProgress({ loaded: 0, total: file.size, resuming: false });
    let importId: string | null = null;
    const upload = new Upload(file, {
      endpoint: `/o/${slug}/imports/upload`,
      chunkSize: CHUNK_BYTES,
      retryDelays: RETRY_DELAYS,
      metadata: {
        filename: file.name,
        source: String(form.get("source")),
        dataMonth: String(form.get("dataMonth") ?? ""),
      },
      // A reload of the page with the same file picks the upload up where it stopped; a finished one starts anew.
      removeFingerprintOnSuccess: true,
      onAfterResponse: (_req, res) => {
        importId = res.getHeader(IMPORT_ID_HEADER) ?? importId;
      },
      onShouldRetry: (err) => {
        const status = err.originalResponse?.getStatus() ?? 0;
        // Network failures and server errors are retried; refusals (401, 403, 404, 413…) are final.
        const retry = status === 0 || status >= 500 || status === 409 || status === 423;
        if (retry) setProgress((p) => (p ? { ...p, resuming: true } : p));
        return retry;
      },
      onProgress: (loaded, total) => setProgress({ loaded, total: total || file.size, resuming: false }),
      onSuccess: () => {
        current.current = null;
        if (importId) router.push(`/o/${slug}/imports/${importId}`);
        else {
          setProgress(null);
          setError("The upload finished, but the server did not say which import it became. Reload the page.");
        }
      },
      onError: (err) => {
        current.current = null;
        setProgress(null);
        setError(messageOf(err));
      },
    });
    current.current = upload;
    upload.start();
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" aria-describedby={`${id}-help`}>
      <p id={`${id}-help`} className="text-sm text-muted-foreground sm:col-span-2">
        CSV exports from Partner Center: Azure usage, or Microsoft 365 licences. The whole file is checked before
        anything is stored; months it contains replace the same months of earlier imports (you will be asked first).
      </p>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-source`}>Data</Label>
        <select
          id={`${id}-source`}
          name="source"
          defaultValue="azure"
          className="h-9 rounded-md border border-input bg-background px-3 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <option value="azure">Azure usage</option>
          <option value="m365">Microsoft 365 licences</option>
        </select>
      </div>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-month`}>Data month</Label>
        <Input
          id={`${id}-month`}
          name="dataMonth"
          type="month"
          defaultValue={defaultMonth}
          aria-describedby={`${id}-month-help`}
        />
        <p id={`${id}-month-help`} className="text-xs text-muted-foreground">
          The last complete month of this refresh. Leave empty to use the latest month in the file.
        </p>
      </div>
      <div className="grid gap-2 sm:col-span-2">
        <Label htmlFor={`${id}-file`}>CSV file</Label>
        <Input id={`${id}-file`} name="file" type="file" accept=".csv,text/csv" required />
      </div>
      {error ? (
        <p role="alert" className="text-sm font-medium text-destructive sm:col-span-2">
          {error}
        </p>
      ) : null}
      {progress ? (
        <div className="grid gap-1 sm:col-span-2">
          <progress className="h-2 w-full accent-primary" value={percent} max={100} aria-label="Upload progress" />
          <p className="text-xs text-muted-foreground" aria-live="polite">
            {progress.resuming ? "Connection lost — resuming from the last byte received…" : `Uploading… ${percent}%`}
          </p>
        </div>
      ) : null}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={!ready || progress !== null}>
          {progress ? "Uploading…" : "Upload and check"}
        </Button>
      </div>
    </form>
  );
}

/** The server's own sentence (its JSON `{ error }`), or what went wrong on the way. */
function messageOf(err: Error | DetailedError): string {
  const res = "originalResponse" in err ? err.originalResponse : null;
  if (res) {
    try {
      const body = JSON.parse(res.getBody()) as { error?: unknown };
      if (typeof body.error === "string" && body.error) return body.error;
    } catch {
      /* not JSON: described below */
    }
    const status = res.getStatus();
    if (status === 401) return "Your session has ended. Please sign in again.";
    if (status) return `The upload failed (HTTP ${status}).`;
  }
  return "The upload was interrupted. Check your connection and try again.";
}
