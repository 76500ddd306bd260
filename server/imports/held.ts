/**
 * The reason a connector import waits after its pass: its rows are staged until the run's last step puts every
 * file of the run in use together (or none of them). Not a question for a person unless other reasons join it.
 */
export const HELD_FOR_CONNECTOR =
  "Fetched from Partner Center: put in use together with the other file of the same refresh.";
