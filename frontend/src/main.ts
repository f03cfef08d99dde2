/** Entry point: registers the app shell (which pulls in every view). */
import './components/wb-app.ts';
