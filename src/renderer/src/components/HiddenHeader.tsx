/** A column heading for screen readers only, over a column of buttons or checkboxes. */
export function HiddenHeader({ label }: { label: string }) {
  return (
    <th scope="col">
      <span className="visually-hidden">{label}</span>
    </th>
  );
}
