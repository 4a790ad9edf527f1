import { useEffect, useMemo, useState } from 'react';
import type { IssuanceCounts, IssuanceReportView } from '../../src-main/api/reportViews.ts';
import type { Bilingual } from '../../src-main/domain/errors.ts';
import { call, OperationError } from '../shared/client.ts';
import { texts, useText } from '../shared/i18n.ts';
import { ReportChart } from './ReportChart.tsx';
import { issuancePerMonthChart } from '../../src-main/documents/reportCharts.ts';

export const monthNames: readonly Bilingual[] = [
  { id: 'Januari', en: 'January' },
  { id: 'Februari', en: 'February' },
  { id: 'Maret', en: 'March' },
  { id: 'April', en: 'April' },
  { id: 'Mei', en: 'May' },
  { id: 'Juni', en: 'June' },
  { id: 'Juli', en: 'July' },
  { id: 'Agustus', en: 'August' },
  { id: 'September', en: 'September' },
  { id: 'Oktober', en: 'October' },
  { id: 'November', en: 'November' },
  { id: 'Desember', en: 'December' },
];

const columns = ['biasaBaru', 'biasaPenggantian', 'elektronikBaru', 'elektronikPenggantian'] as const;

/**
 * The year's passports issued in the study's format (Gambar 2: NO, BULAN, PASPOR BIASA baru and
 * penggantian, PASPOR ELEKTRONIK baru and penggantian, JUMLAH), months imported from the office's
 * history marked, charted per month; and the import of that history from its CSV.
 */
export function IssuanceSection({ officeYear }: { officeYear: number }) {
  const t = useText();
  const [year, setYear] = useState(officeYear);
  // The year as typed; the table follows once it is a whole year the office could report.
  const [yearText, setYearText] = useState(String(officeYear));
  const [view, setView] = useState<IssuanceReportView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const say = (error: unknown) => (error instanceof OperationError ? t(error.text) : String(error));

  useEffect(() => {
    let live = true;
    setBusy(true);
    setProblem(null);
    call('reportIssuance', { year })
      .then((answer) => live && setView(answer))
      .catch((error: unknown) => {
        if (!live) return;
        setView(null);
        setProblem(say(error));
      })
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [year, version]);

  const importFile = async (file: File) => {
    setImported(null);
    setProblem(null);
    try {
      const answer = await call('importIssuanceHistory', { content: await file.text() });
      setImported(answer.imported.map((m) => `${m.year}-${String(m.month).padStart(2, '0')}`).join(', '));
      setVersion((v) => v + 1);
    } catch (error) {
      setProblem(say(error));
    }
  };

  const option = useMemo(() => (view ? issuancePerMonthChart(view).option : null), [view]);

  return (
    <section className="panel report-issuance" data-testid="report-issuance">
      <h2>
        {t(texts.reportIssuanceTitle)}{' '}
        <input
          type="number"
          aria-label={t(texts.reportYear)}
          min={2000}
          max={2100}
          value={yearText}
          onChange={(e) => {
            setYearText(e.target.value);
            const typed = Number(e.target.value);
            if (Number.isInteger(typed) && typed >= 2000 && typed <= 2100) setYear(typed);
          }}
        />
        {busy && <span className="quiet"> {t(texts.reportComputing)}</span>}
      </h2>
      {view && <IssuanceTable view={view} />}
      {option && <ReportChart option={option} testId="chart-issuance" />}
      <label className="file-import">
        {t(texts.reportImportHistory)}{' '}
        <input
          type="file"
          accept=".csv,text/csv"
          data-testid="issuance-import"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
      </label>
      {imported !== null && (
        <p className="quiet" data-testid="issuance-imported">
          {t(texts.reportImportDone)}: {imported || '–'}
        </p>
      )}
      {problem && (
        <p className="cause" data-testid="issuance-problem">
          {problem}
        </p>
      )}
    </section>
  );
}

function IssuanceTable({ view }: { view: IssuanceReportView }) {
  const t = useText();
  const cells = (counts: IssuanceCounts) => (
    <>
      {columns.map((c) => (
        <td key={c} className="figure" data-column={c}>
          {counts[c].toLocaleString('id-ID')}
        </td>
      ))}
      <td className="figure" data-column="total">
        {counts.total.toLocaleString('id-ID')}
      </td>
    </>
  );
  return (
    <>
      <table className="counts issuance" data-testid="issuance-table">
        <thead>
          <tr>
            <th rowSpan={2}>NO</th>
            <th rowSpan={2}>{t(texts.reportMonth)}</th>
            <th colSpan={2}>PASPOR BIASA</th>
            <th colSpan={2}>PASPOR ELEKTRONIK</th>
            <th rowSpan={2}>{t(texts.reportJumlah)}</th>
          </tr>
          <tr>
            <th>BARU</th>
            <th>PENGGANTIAN</th>
            <th>BARU</th>
            <th>PENGGANTIAN</th>
          </tr>
        </thead>
        <tbody>
          {view.months.map((m) => (
            <tr key={m.month} data-month={m.month} data-source={m.source ?? 'none'}>
              <td className="figure">{m.month}</td>
              <td>
                {t(monthNames[m.month - 1] as Bilingual).toUpperCase()}
                {m.source === 'imported' && <span className="tag"> {t(texts.reportImported)}</span>}
              </td>
              {cells(m)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="issuance-jumlah">
            <th colSpan={2}>{t(texts.reportJumlah)}</th>
            {cells(view.jumlah)}
          </tr>
        </tfoot>
      </table>
      {view.months.some((m) => m.source === 'imported') && (
        <p className="quiet">{t(texts.reportImportedNote)}</p>
      )}
    </>
  );
}
