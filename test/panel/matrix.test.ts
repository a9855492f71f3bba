/** The permission matrix's order (problems first) and its grid keys, without a browser. */
import type { Finding, ProjectReport, Report } from '../../src/engine/model/report';
import {
  firstCell,
  matrixRows,
  MATRIX_PAGE_SIZE,
  moveInGrid,
  pageOf,
  type GridCell,
} from '../../static/panel/src/matrix';

const PERMISSIONS = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'];

function project(key: string, states: Array<boolean | null>): ProjectReport {
  return {
    key,
    id: null,
    name: null,
    type: 'software',
    visible: true,
    exists: true,
    permissions: Object.fromEntries(PERMISSIONS.map((p, i) => [p, states[i] ?? null])),
  };
}

function report(projects: ProjectReport[], findings: Partial<Finding>[] = []): Report {
  return { projects, requiredPermissions: PERMISSIONS, findings } as unknown as Report;
}

describe('matrix rows', () => {
  test('missing permissions first, then unknown or a finding, then the rest, each in report order', () => {
    const rows = matrixRows(
      report(
        [
          project('OK1', [true, true, true]),
          project('UNSURE', [true, null, true]),
          project('MISS1', [true, false, true]),
          project('NOTED', [true, true, true]),
          project('OK2', [true, true, true]),
          project('MISS2', [false, false, true]),
          project('INFO', [true, true, true]),
        ],
        [
          { project: 'NOTED', severity: 'warning' },
          { project: 'INFO', severity: 'info' },
        ],
      ),
    );
    expect(rows.map((r) => `${r.project.key}:${r.standing}`)).toEqual([
      'MISS1:missing',
      'MISS2:missing',
      'UNSURE:attention',
      'NOTED:attention',
      'OK1:fine',
      'OK2:fine',
      'INFO:fine',
    ]);
  });

  test('Tab enters on the first row’s first cell that is not granted', () => {
    const rows = matrixRows(report([project('A', [true, true, false])]));
    expect(firstCell(rows, PERMISSIONS)).toEqual({ row: 0, col: 2 });
    const fine = matrixRows(report([project('B', [true, true, true])]));
    expect(firstCell(fine, PERMISSIONS)).toEqual({ row: 0, col: 0 });
    const unsure = matrixRows(report([project('C', [true, null, true])]));
    expect(firstCell(unsure, PERMISSIONS)).toEqual({ row: 0, col: 1 });
  });
});

describe('grid keys', () => {
  const size = { rows: 60, cols: 3, pageSize: MATRIX_PAGE_SIZE };
  const move = (at: GridCell, key: string, ctrl = false) => moveInGrid(at, key, ctrl, size);

  test('arrows move one cell and stop at the edges', () => {
    expect(move({ row: 0, col: 0 }, 'ArrowRight')).toEqual({ row: 0, col: 1 });
    expect(move({ row: 0, col: 2 }, 'ArrowRight')).toEqual({ row: 0, col: 2 });
    expect(move({ row: 0, col: 0 }, 'ArrowLeft')).toEqual({ row: 0, col: 0 });
    expect(move({ row: 0, col: 1 }, 'ArrowDown')).toEqual({ row: 1, col: 1 });
    expect(move({ row: 0, col: 1 }, 'ArrowUp')).toEqual({ row: 0, col: 1 });
    expect(move({ row: 59, col: 1 }, 'ArrowDown')).toEqual({ row: 59, col: 1 });
  });

  test('Home/End go to the row’s ends, with Ctrl to the grid’s', () => {
    expect(move({ row: 7, col: 1 }, 'Home')).toEqual({ row: 7, col: 0 });
    expect(move({ row: 7, col: 1 }, 'End')).toEqual({ row: 7, col: 2 });
    expect(move({ row: 7, col: 1 }, 'Home', true)).toEqual({ row: 0, col: 0 });
    expect(move({ row: 7, col: 1 }, 'End', true)).toEqual({ row: 59, col: 2 });
  });

  test('PageDown/PageUp move a page of rows, which turns the page', () => {
    const down = move({ row: 3, col: 2 }, 'PageDown');
    expect(down).toEqual({ row: 3 + MATRIX_PAGE_SIZE, col: 2 });
    expect(pageOf(down as GridCell, MATRIX_PAGE_SIZE)).toBe(1);
    expect(move({ row: 55, col: 2 }, 'PageDown')).toEqual({ row: 59, col: 2 });
    expect(move({ row: 10, col: 2 }, 'PageUp')).toEqual({ row: 0, col: 2 });
  });

  test('Tab and other keys are not the grid’s, so focus can leave', () => {
    expect(move({ row: 0, col: 0 }, 'Tab')).toBeNull();
    expect(move({ row: 0, col: 0 }, 'Enter')).toBeNull();
  });
});
