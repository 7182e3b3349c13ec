interface Row {
  port: string;
  depth: number;
}

const columns: Array<keyof Row> = ['port', 'depth'];

export function DepthTable({ rows }: { rows: Row[] }) {
  const sorted = [...rows].sort((a, b) => b.depth - a.depth);
  return (
    <table>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={row.port}>
            <td>{row.port}</td>
            <td>{row.depth.toFixed(1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
