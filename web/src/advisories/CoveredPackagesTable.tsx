import { fixStateExplanations } from './fixStates';
import type { CoveredPackage } from './types';

const kindExplanations = {
  source: 'A source package: every installed binary built from it is matched, at its source version.',
  binary: 'A binary package: matched by its own name and version.',
};

function Fix({ p }: { p: CoveredPackage }) {
  if (p.state === 'fixed') {
    return (
      <>
        fixed in <span className="mono">{p.fixedVersion}</span>
        <div className="muted">Hosts with an older version are affected.</div>
      </>
    );
  }
  const { label, explanation } = fixStateExplanations[p.state];
  return (
    <>
      <span className={p.state === 'not-affected' ? undefined : 'state-unfixed'}>{label}</span>
      <div className="muted">{explanation}</div>
    </>
  );
}

/** The releases and packages an advisory covers, and for each the fixed version or why there is none. */
export function CoveredPackagesTable({ packages }: { packages: CoveredPackage[] }) {
  if (packages.length === 0) return <p className="empty">The advisory names no package.</p>;
  return (
    <div className="table-wrap">
      <table data-testid="covered-packages">
        <thead>
          <tr>
            <th scope="col">Release</th>
            <th scope="col">Package</th>
            <th scope="col">Kind</th>
            <th scope="col">Fix</th>
          </tr>
        </thead>
        <tbody>
          {packages.map((p) => (
            <tr key={`${p.release} ${p.kind} ${p.name}`} data-testid="covered-package">
              <td>{p.release}</td>
              <th scope="row">{p.name}</th>
              <td title={kindExplanations[p.kind]}>{p.kind}</td>
              <td>
                <Fix p={p} />
                {p.note && <div className="muted">Note: {p.note}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
