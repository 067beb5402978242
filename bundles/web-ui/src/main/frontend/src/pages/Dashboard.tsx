// PLACEHOLDER-PAGE: to be written.
export default function Dashboard() {
  return <p>Dashboard</p>;
}
