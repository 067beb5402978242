// PLACEHOLDER-PAGE: to be written.
import { Outlet } from 'react-router';
export default function SettingsLayout() {
  return <Outlet />;
}
