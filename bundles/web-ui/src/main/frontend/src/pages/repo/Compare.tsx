// PLACEHOLDER-PAGE: to be written.
export default function Compare() {
  return <p>Compare</p>;
}
