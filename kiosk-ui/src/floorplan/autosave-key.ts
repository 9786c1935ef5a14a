// Where the editor keeps the plan while a kiosk session lasts (a reload or a crash loses
// nothing). Its own tiny module: the app shell clears it at every reset without loading the
// editor's chunk.
export const PLAN_AUTOSAVE_KEY = 'hall.kiosk.floorplan';
