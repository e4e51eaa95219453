// Entry point of the playground page.
import './bocal-status.ts';
import './bocal-runner.ts';
import './bocal-terminal.ts';
