// PLACEHOLDER-PAGE: to be written.
export default function Home() {
  return <p>Home</p>;
}
