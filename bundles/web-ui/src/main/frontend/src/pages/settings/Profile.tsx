// PLACEHOLDER-PAGE: to be written.
export default function Profile() {
  return <p>Profile</p>;
}
