// Renderer entry: i18n first, then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { App } from './App';
import { useApp } from './store/app';

// Asked before the first render, not from an effect after it: the city name and business day are on
// the sign-in screen, and the answer is then here by the time the screen is.
void useApp.getState().loadInfo();
void useApp.getState().loadSetup();
createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
