// The built task pane on a fake Excel host, with the fake workbook drawn as a grid, so a browser
// test can sign in, pull, type into cells and see the marks. Not part of the product build.
import { createRoot } from 'react-dom/client';
import { useEffect, useState } from 'react';
import { OfficeRosterSheet, type ExcelRun } from '../../src/excel/OfficeRosterSheet';
import { App } from '../../src/taskpane/App';
import { localeOf } from '../../src/taskpane/i18n';
import { FakeExcel, colLetters } from '../excel/FakeExcel';

const excel = new FakeExcel();
const lang = new URLSearchParams(window.location.search).get('lang') ?? 'ja-JP';
const sheet = new OfficeRosterSheet(excel.run as unknown as ExcelRun, excel);
(window as unknown as { fakeExcel: FakeExcel }).fakeExcel = excel;

function Grid() {
  const [, redraw] = useState(0);
  useEffect(() => excel.onChange(() => redraw((n) => n + 1)), []);
  const name = excel.activeSheet;
  const data = excel.sheets.get(name);
  if (!data) return null;
  // Every used row and two empty ones below, for typing new users.
  const rows = Math.max(data.maxRow() + 3, 2);
  const cols = Math.max(data.maxCol() + 1, 1);
  const visible = Array.from({ length: cols }, (_, c) => c).filter((c) => !data.hiddenColumns.has(c));
  return (
    <>
      <div className="tabs">
        {[...excel.sheets.entries()]
          .filter(([, d]) => d.visibility === 'Visible')
          .map(([n]) => (
            <span key={n} className={n === name ? 'active' : ''}>
              {n}
            </span>
          ))}
      </div>
      <table>
        <thead>
          <tr>
            <th />
            {visible.map((c) => (
              <th key={c}>{colLetters(c)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, r) => (
            // Rows an AutoFilter hides are not drawn, as in Excel.
            <tr key={r} hidden={data.hiddenRows.has(r)}>
              <th>
                {r + 1}
                {r > 0 && r <= data.maxRow() && (
                  <button
                    type="button"
                    aria-label={`delete row ${r + 1}`}
                    onClick={() => void excel.deleteRow(name, r + 1)}
                    style={{ marginLeft: 2, fontSize: 9 }}
                  >
                    ×
                  </button>
                )}
              </th>
              {visible.map((c) => {
                const cell = data.peek(r, c);
                const address = `${colLetters(c)}${r + 1}`;
                const note = data.notes.get(address);
                const selected =
                  excel.selection?.sheet === name && excel.selection.row === r && excel.selection.col === c;
                return (
                  <td
                    key={c}
                    className={note ? 'note' : ''}
                    title={note}
                    style={{
                      background: cell?.fill ?? (r === 0 ? '#e2efda' : undefined),
                      outline: selected ? '2px solid #217346' : undefined,
                    }}
                  >
                    <input
                      data-cell={address}
                      defaultValue={cell ? String(cell.value) : ''}
                      key={`${address}:${String(cell?.value ?? '')}`}
                      style={{
                        color: cell?.fontColor,
                        fontStyle: cell?.italic ? 'italic' : undefined,
                        fontWeight: r === 0 ? 600 : undefined,
                      }}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter')
                          void excel.type(name, address, (e.target as HTMLInputElement).value);
                      }}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

createRoot(document.getElementById('pane')!).render(
  <App
    locale={localeOf(lang)}
    fetchFn={(i, init) => fetch(i, init)}
    defaultConnection={{ serverUrl: window.location.origin, tenant: 'demo-eq' }}
    sheet={sheet}
    defaultScimUrl={new URLSearchParams(window.location.search).get('scim') ?? ''}
  />,
);
createRoot(document.getElementById('grid')!).render(<Grid />);
