import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsPage } from '@/components/OptionsPage';
import { createClient } from '@/lib/protocol';
import './style.css';

const client = createClient((message) => browser.runtime.sendMessage(message));
render(<OptionsPage client={client} />, document.getElementById('app')!);
