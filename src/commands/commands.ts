// The ribbon's FunctionFile. The Roster Sheet button opens the task pane (ShowTaskpane in the
// manifest), so no function commands are registered; the page only has to initialize Office.
import { officeReady } from '../excel/officeHost';

void officeReady();
