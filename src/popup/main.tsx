/** The popup's entry: `?tabId=N` shows tab N (the popup opened as a tab, in tests), else the active tab. */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { App } from './App.tsx';
import { tabIdParam } from './model.ts';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('extName') || 'Stance Lens';
render(<App tabId={tabIdParam(location.search)} />, document.getElementById('app')!);
