export interface FilterProps {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
}

/** A labelled search box over a table. */
export function TextFilter({ id, label, value, onInput }: FilterProps) {
  return (
    <span class="filter">
      <label for={id}>{label}</label>
      <input id={id} type="search" value={value} onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)} />
    </span>
  );
}
