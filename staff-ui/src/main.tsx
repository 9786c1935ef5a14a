// Composition root: fonts and styles, the route, the models, render.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles.css';
import { render } from 'preact';
import { StaffApp } from './StaffApp.tsx';
import { createStaffModel } from './app-model.ts';
import { parseRoute } from './route.ts';

const model = createStaffModel(parseRoute(location.pathname, import.meta.env.BASE_URL), sessionStorage);

render(<StaffApp model={model} />, document.getElementById('app')!);
