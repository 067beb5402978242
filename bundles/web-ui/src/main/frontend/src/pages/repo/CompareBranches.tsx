// PLACEHOLDER-PAGE: to be written.
export default function CompareBranches() {
  return <p>CompareBranches</p>;
}
