import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api';
import { ErrorView, InlineError } from './Status';

const inRouter = (node: React.ReactNode) => render(<MemoryRouter>{node}</MemoryRouter>);

describe('ErrorView', () => {
  it('says a 404 may be private, without telling which', () => {
    inRouter(<ErrorView error={new ApiError(404, 'Not Found')} />);
    expect(screen.getByRole('heading').textContent).toContain('404');
    expect(screen.getByText(/private and you are not allowed/)).toBeTruthy();
  });

  it('gives the request id of a server failure', () => {
    inRouter(<ErrorView error={new ApiError(500, 'Internal Server Error', 'req-42')} />);
    expect(screen.getByRole('heading').textContent).toBe('Something went wrong');
    expect(screen.getByTestId('request-id').textContent).toBe('req-42');
  });

  it('says plainly when the server cannot be reached', () => {
    inRouter(<ErrorView error={new ApiError(0, 'The server cannot be reached.')} />);
    expect(screen.getByRole('heading').textContent).toBe('Cannot reach Codara');
  });
});

describe('InlineError', () => {
  it('shows the field error of a validation failure', () => {
    render(<InlineError error={new ApiError(422, 'Validation Failed', null, [{ field: 'name', code: 'invalid', message: 'name is not valid' }])} />);
    expect(screen.getByRole('alert').textContent).toBe('name is not valid');
  });
  it('shows nothing without an error', () => {
    const { container } = render(<InlineError error={undefined} />);
    expect(container.textContent).toBe('');
  });
});
