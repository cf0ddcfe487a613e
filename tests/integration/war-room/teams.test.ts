import { teamsDriver } from "../../support/war-room-drivers.ts";
import { warRoomSuite } from "./war-room.suite.ts";

warRoomSuite(teamsDriver);
