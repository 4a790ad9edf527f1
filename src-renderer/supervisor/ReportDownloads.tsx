import { useState } from 'react';
import type { InputOf } from '../../src-main/api/contract.ts';
import type { Bilingual } from '../../src-main/domain/errors.ts';
import { call, OperationError } from '../shared/client.ts';
import { texts, useText } from '../shared/i18n.ts';
import { kpiInputOf, type ReportFilters } from './reportFilters.ts';

type ExportInput = InputOf<'exportReport'>;
type Format = ExportInput['format'];

const reportNames: Record<'kpi' | 'officers' | 'promises' | 'issuance', Bilingual> = {
  kpi: { id: 'Waktu tunggu dan layanan', en: 'Waits and service' },
  officers: { id: 'Waktu kerja petugas', en: "Officers' time" },
  promises: { id: 'Janji pengambilan', en: 'Pickup promises' },
  issuance: { id: 'Penerbitan paspor (tahun)', en: 'Passports issued (year)' },
};
type Kind = keyof typeof reportNames;

/** The export's input for the report chosen: the filters shown, or the year of the range's end. */
function exportInput(kind: Kind, format: Format, filters: ReportFilters): ExportInput {
  if (kind === 'issuance') return { report: 'issuance', format, year: Number(filters.to.slice(0, 4)) };
  if (kind === 'kpi') return { report: 'kpi', format, ...kpiInputOf(filters) };
  return { report: kind, format, from: filters.from, to: filters.to };
}

/** The file's bytes from base64, handed to the browser (or the desktop app) as a download. */
export function saveFile(file: { fileName: string; mediaType: string; content: string }): void {
  const binary = atob(file.content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its bytes once the click is handled; the URL can go after that turn.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Download buttons: the chosen report, with the filters shown, as CSV, XLSX or PDF. */
export function ReportDownloads({ filters }: { filters: ReportFilters }) {
  const t = useText();
  const [kind, setKind] = useState<Kind>('kpi');
  const [busy, setBusy] = useState<Format | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const download = async (format: Format) => {
    setBusy(format);
    setProblem(null);
    setSaved(null);
    try {
      const file = await call('exportReport', exportInput(kind, format, filters));
      saveFile(file);
      setSaved(file.fileName);
    } catch (error) {
      setProblem(error instanceof OperationError ? t(error.text) : String(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="report-downloads" data-testid="report-downloads">
      <label>
        {t(texts.reportDownload)}{' '}
        <select name="report" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {(Object.keys(reportNames) as Kind[]).map((k) => (
            <option key={k} value={k}>
              {t(reportNames[k])}
            </option>
          ))}
        </select>
      </label>
      {(['csv', 'xlsx', 'pdf'] as const).map((format) => (
        <button key={format} type="button" disabled={busy !== null} onClick={() => void download(format)}>
          {format.toUpperCase()}
        </button>
      ))}
      {busy && <span className="quiet"> {t(texts.reportComputing)}</span>}
      {saved && (
        <span className="quiet" data-testid="report-saved">
          {' '}
          {t(texts.reportDownloadReady)}: {saved}
        </span>
      )}
      {problem && (
        <p className="cause" data-testid="report-download-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
