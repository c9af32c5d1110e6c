/*
 * data_dir.h - where the gazetteer and lexicons are read from.
 */
#ifndef QY_DATA_DIR_H
#define QY_DATA_DIR_H

/* $QUARRY_DATA when set; else the installed share/quarry when it holds
 * places.tsv; else the source tree's data/ (a build used in place). */
const char *qy_data_dir(void);

#endif
