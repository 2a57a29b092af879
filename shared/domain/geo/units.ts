/** The US survey foot in metres, exactly 1200/3937 (US Survey Foot, Federal Register 1959). */
export const US_SURVEY_FOOT_M = 1200 / 3937;
/** The international foot in metres, exactly 0.3048. */
export const INTERNATIONAL_FOOT_M = 0.3048;
