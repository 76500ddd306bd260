"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type Progress = { loaded: number; total: number } | null;

/**
 * Sends the file as the raw request body with XMLHttpRequest, the one browser API that reports upload progress,
 * then opens the import's page, where validation and import progress continue in the background.
 */
export function UploadForm({ slug, defaultMonth }: { slug: string; defaultMonth: string }) {
  const router = useRouter();
  const id = useId();
  const [progress, setProgress] = useState<Progress>(null);
  const [error, setError] = useState<string | null>(null);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
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
    const query = new URLSearchParams({
      source: String(form.get("source")),
      dataMonth: String(form.get("dataMonth") ?? ""),
      name: file.name,
    });
    setError(null);
    setProgress({ loaded: 0, total: file.size });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/o/${slug}/imports/upload?${query}`);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.upload.onprogress = (e) => setProgress({ loaded: e.loaded, total: e.total || file.size });
    xhr.onload = () => {
      let body: { id?: string; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* a non-JSON answer is reported below */
      }
      if (xhr.status === 201 && body.id) {
        router.push(`/o/${slug}/imports/${body.id}`);
      } else {
        setProgress(null);
        setError(body.error ?? `The upload failed (HTTP ${xhr.status}).`);
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setError("The upload was interrupted. Check your connection and try again.");
    };
    xhr.send(file);
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
            Uploading… {percent}%
          </p>
        </div>
      ) : null}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={progress !== null}>
          {progress ? "Uploading…" : "Upload and check"}
        </Button>
      </div>
    </form>
  );
}
