// PLACEHOLDER-PAGE: to be written.
export default function Explore() {
  return <p>Explore</p>;
}
